/* AVL tree (Adelson-Velsky and Landis, 1962): heights of siblings differ by at most one. */
#include <avl.h>

static int height(const struct avl_node *n) { return n ? n->height : 0; }
static uintptr_t max_gap(const struct avl_node *n) { return n ? n->max_gap : 0; }

static void update(struct avl_node *n)
{
    n->height = 1 + MAX(height(n->left), height(n->right));
    n->max_gap = MAX(n->gap, MAX(max_gap(n->left), max_gap(n->right)));
}
static int balance(const struct avl_node *n) { return height(n->left) - height(n->right); }

static struct avl_node *rotate_right(struct avl_node *n)
{
    struct avl_node *l = n->left;
    n->left = l->right;
    l->right = n;
    update(n);
    update(l);
    return l;
}

static struct avl_node *rotate_left(struct avl_node *n)
{
    struct avl_node *r = n->right;
    n->right = r->left;
    r->left = n;
    update(n);
    update(r);
    return r;
}

static struct avl_node *rebalance(struct avl_node *n)
{
    update(n);
    if (balance(n) > 1) {
        if (balance(n->left) < 0)
            n->left = rotate_left(n->left);
        return rotate_right(n);
    }
    if (balance(n) < -1) {
        if (balance(n->right) > 0)
            n->right = rotate_right(n->right);
        return rotate_left(n);
    }
    return n;
}

static struct avl_node *insert(struct avl_node *root, struct avl_node *n)
{
    if (!root)
        return n;
    if (n->key < root->key)
        root->left = insert(root->left, n);
    else if (n->key > root->key)
        root->right = insert(root->right, n);
    else
        panic("avl_insert: key %#lx already present", (unsigned long)n->key);
    return rebalance(root);
}

void avl_insert(struct avl_tree *t, struct avl_node *n)
{
    n->left = n->right = NULL;
    n->height = 1;
    n->max_gap = n->gap;
    t->root = insert(t->root, n);
}

/* Detach the smallest node of a subtree; *min receives it. */
static struct avl_node *remove_min(struct avl_node *root, struct avl_node **min)
{
    if (!root->left) {
        *min = root;
        return root->right;
    }
    root->left = remove_min(root->left, min);
    return rebalance(root);
}

static struct avl_node *remove(struct avl_node *root, struct avl_node *n)
{
    if (!root)
        panic("avl_remove: key %#lx not in the tree", (unsigned long)n->key);
    if (n->key < root->key) {
        root->left = remove(root->left, n);
    } else if (n->key > root->key) {
        root->right = remove(root->right, n);
    } else {
        if (!root->right)
            return root->left;
        struct avl_node *succ;
        struct avl_node *right = remove_min(root->right, &succ);
        succ->left = root->left;
        succ->right = right;
        root = succ;
    }
    return rebalance(root);
}

void avl_remove(struct avl_tree *t, struct avl_node *n) { t->root = remove(t->root, n); }

struct avl_node *avl_floor(const struct avl_tree *t, uintptr_t key)
{
    struct avl_node *best = NULL;
    for (struct avl_node *n = t->root; n;) {
        if (n->key <= key) {
            best = n;
            n = n->right;
        } else {
            n = n->left;
        }
    }
    return best;
}

struct avl_node *avl_ceil(const struct avl_tree *t, uintptr_t key)
{
    struct avl_node *best = NULL;
    for (struct avl_node *n = t->root; n;) {
        if (n->key >= key) {
            best = n;
            n = n->left;
        } else {
            n = n->right;
        }
    }
    return best;
}

struct avl_node *avl_first(const struct avl_tree *t)
{
    struct avl_node *n = t->root;
    while (n && n->left)
        n = n->left;
    return n;
}

struct avl_node *avl_last(const struct avl_tree *t)
{
    struct avl_node *n = t->root;
    while (n && n->right)
        n = n->right;
    return n;
}

int avl_height(const struct avl_tree *t) { return height(t->root); }

void avl_refresh(struct avl_tree *t, uintptr_t key)
{
    struct avl_node *path[64];            /* an AVL tree of 2^32 nodes is < 46 high */
    int depth = 0;
    for (struct avl_node *n = t->root; n && depth < 64; n = key < n->key ? n->left : n->right) {
        path[depth++] = n;
        if (n->key == key)
            break;
    }
    while (depth > 0)
        update(path[--depth]);
}
