/*
 * An intrusive AVL tree keyed by an unsigned integer: embed struct avl_node in your object.
 * Every operation is O(log n); the tree never allocates. Keys are unique.
 *
 * Augmented with one value: each node carries a number of its own (gap) and the tree keeps,
 * in every node, the largest gap of its subtree (max_gap), so a search can skip whole
 * subtrees (the address-space code finds a free range this way, as Linux's augmented
 * rbtree of VMAs does). After changing a node's gap, call avl_refresh.
 */
#ifndef AVL_H
#define AVL_H

#include <kernel.h>

struct avl_node {
    struct avl_node *left, *right;
    uintptr_t key;
    uintptr_t gap, max_gap;
    int height;
};

struct avl_tree {
    struct avl_node *root;
};

void avl_insert(struct avl_tree *t, struct avl_node *n);    /* n->key must be set and unused */
void avl_remove(struct avl_tree *t, struct avl_node *n);
struct avl_node *avl_floor(const struct avl_tree *t, uintptr_t key);   /* largest key <= key */
struct avl_node *avl_ceil(const struct avl_tree *t, uintptr_t key);    /* smallest key >= key */
struct avl_node *avl_first(const struct avl_tree *t);
struct avl_node *avl_last(const struct avl_tree *t);
/* The height of the tree (0 empty): tests check it stays logarithmic. */
int avl_height(const struct avl_tree *t);
/* Recompute max_gap on the path from the root to the node with this key. */
void avl_refresh(struct avl_tree *t, uintptr_t key);

#endif
